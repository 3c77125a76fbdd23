-- Per perpetrator: the filtered massacres, how many killed victims of one family, how many
-- killed IDPs or hit an IDP shelter, and the killed in each.
SELECT
    perpetrator,
    count(*)                                                    AS massacres,
    count(*) FILTER (WHERE same_family)                         AS same_family,
    count(*) FILTER (WHERE idps)                                AS idps,
    coalesce(sum(killed) FILTER (WHERE same_family), 0)::BIGINT AS killed_same_family,
    coalesce(sum(killed) FILTER (WHERE idps), 0)::BIGINT        AS killed_idps
FROM filtered
GROUP BY perpetrator
ORDER BY perpetrator
