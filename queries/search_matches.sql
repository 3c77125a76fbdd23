-- The incidents the search text matches, with its rank: 0 when the text, read as one name, is a
-- spelling of a place the incident names (its place, parent place, a place its site names, its
-- governorate: any spelling the gazetteer or the reviewed aliases hold, Latin or Arabic), or begins
-- one ($search_place, 4 letters or more); 1 when each of its words ($search_words) begins a word of
-- the incident's text. Both keys are gazetteer.search_key, made by store/search_index.params from
-- what the reader typed; NULL for both matches nothing. A shared CTE (store/queries.py): the
-- search queries read it as `search_matches`.
--
-- How: the keys are looked up in search_terms (each month's distinct keys, in key order: the zone
-- maps skip all but the row groups of the prefix), and the hashes found in search_postings, which
-- is sorted by term_hash; the hashes keep the order of the keys' first bytes, so the range DuckDB
-- pushes from the matched terms into the postings' scan reads only their neighbouring row groups.
-- The postings found are joined back to their month's terms: within a month a hash names one key
-- (store/search_index.resolve_collisions), so the match is exact. store/queries.run computes this part
-- first and gives the queries its rows as a table, so that DuckDB knows how few they are.
WITH place_terms AS (
    SELECT report_month, term_hash
    FROM search_terms
    WHERE kind = 'place'
      AND (term = $search_place OR (length($search_place) >= 4 AND starts_with(term, $search_place)))
),
word_terms AS (
    SELECT t.report_month, t.term_hash, w.i
    FROM search_terms AS t
    JOIN (SELECT unnest($search_words) AS word, generate_subscripts($search_words, 1) AS i) AS w
      ON starts_with(t.term, w.word)
    WHERE t.kind = 'word'
      -- the keys from the first word to the last one's end (U+10FFFF sorts after every letter):
      -- one range the zone maps can use, where the join alone reads every key
      AND t.term >= list_min($search_words)
      AND t.term < list_max($search_words) || chr(1114111)
),
place_hits AS (
    SELECT p.report_month, p.seq
    FROM search_postings AS p
    JOIN place_terms AS t ON t.term_hash = p.term_hash AND t.report_month = p.report_month
    WHERE p.term_hash IN (SELECT term_hash FROM place_terms)
),
word_hits AS (
    SELECT p.report_month, p.seq
    FROM search_postings AS p
    JOIN word_terms AS t ON t.term_hash = p.term_hash AND t.report_month = p.report_month
    WHERE p.term_hash IN (SELECT term_hash FROM word_terms)
    GROUP BY p.report_month, p.seq
    HAVING count(DISTINCT t.i) = len($search_words)
)
SELECT report_month, seq, min(rank) AS rank
FROM (SELECT report_month, seq, 0 AS rank FROM place_hits
      UNION ALL
      SELECT report_month, seq, 1 AS rank FROM word_hits)
GROUP BY report_month, seq
