-- The incidents the search text matches, with its rank: 0 when the text, read as one name, is a
-- spelling of a place the incident names (its place, parent place, a place its site names, its
-- governorate: any spelling the gazetteer or the reviewed aliases hold, Latin or Arabic), or begins
-- one ($search_place, 4 letters or more); 1 when each of its words ($search_words) begins a word of
-- the incident's text. Both keys are gazetteer.search_key, made by store/search_index.params from
-- what the reader typed; NULL for both matches nothing. A shared CTE (store/queries.py): the
-- search queries read it as `search_matches`.
--
-- How: the keys are looked up in search_terms (a month's distinct keys), then their incidents in
-- search_postings, sorted by term_hash, so DuckDB reads only the row groups of those hashes.
-- The term is checked again beside its hash, so two keys with one hash cannot be confused.
SELECT report_month, seq, min(rank) AS rank
FROM (
    SELECT p.report_month, p.seq, 0 AS rank
    FROM search_postings AS p
    JOIN search_terms AS t ON t.term_hash = p.term_hash AND t.report_month = p.report_month
    WHERE t.kind = 'place'
      AND (t.term = $search_place
           OR (length($search_place) >= 4 AND starts_with(t.term, $search_place)))
    UNION ALL
    SELECT p.report_month, p.seq, 1 AS rank
    FROM search_postings AS p
    JOIN (SELECT t.report_month, t.term_hash, w.i
          FROM search_terms AS t
          JOIN (SELECT unnest($search_words) AS word, generate_subscripts($search_words, 1) AS i) AS w
            ON starts_with(t.term, w.word)
          WHERE t.kind = 'word') AS m
      ON m.term_hash = p.term_hash AND m.report_month = p.report_month
    GROUP BY p.report_month, p.seq
    HAVING count(DISTINCT m.i) = len($search_words)
)
GROUP BY report_month, seq
