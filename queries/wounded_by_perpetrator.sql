-- Wounded in the filtered incidents per perpetrator: the sum of the figures given, how many
-- incidents give a figure at all (no figure is unknown, not zero), and how many of those
-- figures are approximate ("about") or lower bounds ("at least", "no less than").
SELECT
    perpetrator,
    count(*)                                                                    AS massacres,
    count(wounded)                                                              AS with_figure,
    coalesce(sum(wounded), 0)::BIGINT                                           AS wounded,
    count(*) FILTER (WHERE wounded IS NOT NULL AND wounded_qualifier = 'about') AS about,
    count(*) FILTER (WHERE wounded IS NOT NULL
                       AND wounded_qualifier IN ('at least', 'no less than'))   AS at_least,
    count(*) FILTER (WHERE wounded IS NOT NULL AND wounded_qualifier IS NULL)   AS exact
FROM filtered
GROUP BY perpetrator
ORDER BY perpetrator
