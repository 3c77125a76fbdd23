-- The database the dashboard reads: one row per report, per stated figure, per incident,
-- per parser warning. Rebuilt from data/reports/ by `massacres build`.
-- report_month in the other tables is reports.month; it is not declared a foreign key
-- because DuckDB cannot delete a referenced row and its referrers in one transaction,
-- which is how a report is replaced.

CREATE TABLE reports (
    month             VARCHAR PRIMARY KEY CHECK (regexp_full_match(month, '\d{4}-(0[1-9]|1[0-2])')),
    month_start       DATE NOT NULL CHECK (month_start BETWEEN DATE '2011-01-01' AND DATE '2035-12-01'),
    kind              VARCHAR NOT NULL DEFAULT 'monthly'  -- what the document is; see README "Kinds of document"
                      CHECK (kind IN ('monthly', 'year', 'death_toll', 'press_release')),
    title             VARCHAR,              -- as written; null when the text has no title line
    published         DATE,
    total_massacres   INTEGER CHECK (total_massacres >= 0),
    victims_total     INTEGER CHECK (victims_total >= 0),
    victims_children  INTEGER CHECK (victims_children >= 0),
    victims_women     INTEGER CHECK (victims_women >= 0),
    ytd_massacres     INTEGER CHECK (ytd_massacres >= 0),
    ytd_period        VARCHAR,              -- ISO interval of months, e.g. 2017-01/2017-09
    ytd_period_text   VARCHAR,              -- the report's words for that period
    civilians_killed  INTEGER CHECK (civilians_killed >= 0),  -- a death-toll report's civilians killed (not massacre victims)
    details_complete  BOOLEAN NOT NULL,     -- false when the details are only "the most notable" massacres
    source_file       VARCHAR NOT NULL,     -- file name only, never a path
    source_form       VARCHAR NOT NULL CHECK (source_form IN ('web', 'pdf_text', 'pdf')),
    sha256            VARCHAR NOT NULL,
    incident_count    INTEGER NOT NULL
    -- No check that children + women fit in victims_total: a report's own figures can disagree
    -- (a typo in the source), and both are kept as stated, with a victims_breakdown_exceeds warning.
);

CREATE TABLE stated_figures (
    report_month  VARCHAR NOT NULL,
    dimension     VARCHAR NOT NULL,         -- total, victims_share, perpetrator, regime_area_of_control, governorate
    key           VARCHAR NOT NULL,
    massacres     INTEGER CHECK (massacres >= 0),
    percent       DOUBLE CHECK (percent BETWEEN 0 AND 100),
    killed        INTEGER CHECK (killed >= 0),
    children      INTEGER CHECK (children >= 0),
    women         INTEGER CHECK (women >= 0),
    line          INTEGER,
    PRIMARY KEY (report_month, dimension, key)
    -- As for reports: a stated breakdown above its stated total is kept as stated, and warned about.
);

CREATE TABLE incidents (
    report_month           VARCHAR NOT NULL,
    seq                    INTEGER NOT NULL CHECK (seq >= 1),
    date                   DATE NOT NULL CHECK (date BETWEEN DATE '2011-01-01' AND DATE '2035-12-31'),
    time                   VARCHAR CHECK (time IS NULL OR regexp_full_match(time, '([01]\d|2[0-3]):[0-5]\d')),
    day_part               VARCHAR,
    perpetrator            VARCHAR NOT NULL,  -- a key; an unknown section is kept as written (and warned about)
    perpetrator_text       VARCHAR,
    attribution_uncertain  BOOLEAN NOT NULL,
    perpetrator_note       VARCHAR,
    governorate            VARCHAR,           -- from the sub-heading
    governorate_in_text    VARCHAR,           -- named by the paragraph itself
    place                  VARCHAR,
    place_type             VARCHAR,
    parent_place           VARCHAR,
    site                   VARCHAR,
    killed                 INTEGER NOT NULL CHECK (killed >= 0),
    children               INTEGER CHECK (children >= 0),
    women                  INTEGER CHECK (women >= 0),
    fetuses                INTEGER CHECK (fetuses >= 0),
    wounded                INTEGER CHECK (wounded >= 0),
    wounded_qualifier      VARCHAR,
    killed_is_lower_bound  BOOLEAN NOT NULL,
    same_family            BOOLEAN NOT NULL,
    idps                   BOOLEAN NOT NULL,
    weapon                 VARCHAR NOT NULL,
    target                 VARCHAR NOT NULL,
    area_of_control        VARCHAR,
    area_of_control_text   VARCHAR,
    lat                    DOUBLE CHECK (lat BETWEEN -90 AND 90),
    lon                    DOUBLE CHECK (lon BETWEEN -180 AND 180),
    coord_source           VARCHAR,           -- 'map_link' when a link in the report gave the point
    map_link_name          VARCHAR,
    line                   INTEGER NOT NULL CHECK (line >= 1),
    paragraph              VARCHAR NOT NULL,
    -- Where the geocoder put the incident: a copy of its row in `locations`, written in the same
    -- transaction, so that the dashboard's filtered scan needs no join (the join was 86 of the
    -- 100 ms a chart's query took at a million incidents). NULL when built without geocoding.
    point_lat              DOUBLE CHECK (point_lat BETWEEN 32 AND 38),
    point_lon              DOUBLE CHECK (point_lon BETWEEN 35 AND 43),
    precision              VARCHAR CHECK (precision IN ('exact', 'locality', 'city', 'governorate')),
    iso_code               VARCHAR,
    matched_name           VARCHAR,
    -- The incident's own month ('2017-09'), stored because charts group a million rows by it
    -- and formatting each date on every query cost a third of their time.
    incident_month         VARCHAR NOT NULL CHECK (incident_month = strftime(date, '%Y-%m')),
    PRIMARY KEY (report_month, seq),
    CHECK (killed >= coalesce(children, 0) + coalesce(women, 0) + coalesce(fetuses, 0)),
    CHECK ((lat IS NULL) = (lon IS NULL)),
    CHECK ((point_lat IS NULL) = (point_lon IS NULL) AND (point_lat IS NULL) = (precision IS NULL))
);

CREATE TABLE warnings (
    report_month  VARCHAR NOT NULL,
    n             INTEGER NOT NULL,
    code          VARCHAR NOT NULL,
    message       VARCHAR NOT NULL,
    line          INTEGER,
    seq           INTEGER,
    PRIMARY KEY (report_month, n)
);

-- Where each incident is, and how precisely: rebuilt by `massacres geocode` (and by build/ingest).
CREATE TABLE locations (
    report_month       VARCHAR NOT NULL,
    seq                INTEGER NOT NULL,
    lat                DOUBLE NOT NULL CHECK (lat BETWEEN 32 AND 38),   -- Syria's extent, with margin
    lon                DOUBLE NOT NULL CHECK (lon BETWEEN 35 AND 43),
    precision          VARCHAR NOT NULL CHECK (precision IN ('exact', 'locality', 'city', 'governorate')),
    method             VARCHAR NOT NULL,  -- map_link, neighbourhood, place, places_extra, parent_place, governorate_point
    matched_name       VARCHAR,           -- the name variant that matched
    matched_id         VARCHAR,           -- gazetteer wof_id, or extra:<name> for geo/places_extra.csv
    score              DOUBLE CHECK (score BETWEEN 0 AND 100),
    iso_code           VARCHAR,           -- ISO 3166-2 of the governorate the point falls in
    point_governorate  VARCHAR,
    warnings           VARCHAR[] NOT NULL,  -- the geocoder's messages, for a reader
    warning_codes      VARCHAR[] NOT NULL,  -- their codes, index for index (massacres/places/geocode.py WARNINGS)
    CHECK (len(warning_codes) = len(warnings)),
    PRIMARY KEY (report_month, seq)
);

-- One row per report written: by `massacres build`, `massacres ingest` or the Add-a-report page.
-- Written in the same atomic write as the data. A record of the writes, not data: table
-- checksums, the Parquet export and the app's required tables leave it out, and a database
-- made before it existed gets it on its next write (hence IF NOT EXISTS).
CREATE TABLE IF NOT EXISTS ingest_log (
    id            INTEGER PRIMARY KEY CHECK (id >= 1),  -- 1, 2, ... in the order written
    "at"          TIMESTAMP NOT NULL,    -- UTC; "at" is a keyword, so quoted
    action        VARCHAR NOT NULL CHECK (action IN ('build', 'ingest', 'upload', 'correct', 'import')),
                                     -- correct: a review saved on the Review page; import: `massacres corrections import`
    file_name     VARCHAR NOT NULL CHECK (file_name NOT IN ('', '.', '..') AND NOT contains(file_name, '/')
                                          AND NOT contains(file_name, '\')),  -- base name only, never a path
    sha256        VARCHAR NOT NULL CHECK (regexp_full_match(sha256, '[0-9a-f]{64}')),
    report_month  VARCHAR NOT NULL CHECK (regexp_full_match(report_month, '\d{4}-(0[1-9]|1[0-2])')),
    incidents     INTEGER NOT NULL CHECK (incidents >= 0),
    warnings      INTEGER NOT NULL CHECK (warnings >= 0),
    replaced      BOOLEAN NOT NULL       -- the month was already in the database and was replaced
);

-- What reviewers confirmed or corrected (README "Review and corrections"): a table of its own, never
-- an edit of the parsed rows. One row per item and field: an incident (report_month, seq) or a
-- stated figure (report_month, figure = 'dimension:key'). Kept across rebuilds and re-ingests (a
-- build copies it like ingest_log; replacing a month leaves it); after every write each row is
-- checked against the value now parsed: `stale` when that changed, and a stale row is not applied
-- and puts its item back in the review queue. Not in the data tables either: checksums leave it out.
CREATE TABLE IF NOT EXISTS corrections (
    report_month  VARCHAR NOT NULL CHECK (regexp_full_match(report_month, '\d{4}-(0[1-9]|1[0-2])')),
    seq           INTEGER CHECK (seq >= 1),          -- the incident, or NULL for a stated figure
    figure        VARCHAR CHECK (regexp_full_match(figure, '[a-z_]+:[a-z0-9_]+')),  -- dimension:key, or NULL
    field         VARCHAR NOT NULL,                  -- killed, perpetrator, point, ... (corrections.py FIELDS)
    parsed        VARCHAR,                           -- the parsed value the reviewer saw, as text; NULL: none
    value         VARCHAR,                           -- the reviewer's value, as text (the parsed one when confirmed)
    status        VARCHAR NOT NULL CHECK (status IN ('confirmed', 'corrected')),
    reason        VARCHAR CHECK (length(reason) <= 500),
    "at"          TIMESTAMP NOT NULL,                -- UTC
    reviewer      VARCHAR NOT NULL CHECK (length(trim(reviewer)) BETWEEN 1 AND 80),  -- as typed
    stale         BOOLEAN NOT NULL,                  -- the parsed value is no longer `parsed`
    CHECK ((seq IS NULL) <> (figure IS NULL)),
    CHECK ((status = 'confirmed') = (value IS NOT DISTINCT FROM parsed)),
    CHECK (status = 'confirmed' OR length(trim(reason)) > 0)
);

-- The search index (massacres/store/search_index.py): derived from incidents and locations, and
-- rebuilt for the months of every write in the same transaction. Each distinct normalised key of
-- a month: a spelling of a place its incidents name (kind 'place'), or a word of their text ('word').
CREATE TABLE search_terms (
    report_month  VARCHAR NOT NULL,
    kind          VARCHAR NOT NULL CHECK (kind IN ('place', 'word')),
    term          VARCHAR NOT NULL CHECK (term <> ''),   -- gazetteer.search_key of the spelling or word
    term_hash     UBIGINT NOT NULL                       -- the key's first 3 bytes, then a hash (search_index.hash_sql)
);                                                       -- written in (kind, term) order: a prefix is a range

-- Which incidents hold each key; sorted by term_hash when built, so a search reads a few row groups.
CREATE TABLE search_postings (
    term_hash     UBIGINT NOT NULL,
    report_month  VARCHAR NOT NULL,
    seq           INTEGER NOT NULL
);
