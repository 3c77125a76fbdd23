-- The incidents a reviewer reviewed, as every page reads them: each parsed row
-- (`parsed_incidents`) with its reviews' values in place (applied_corrections.sql; a stale review,
-- whose parsed value has changed since, is not applied), and `reviewed` and `corrected`. A
-- corrected point is where the reviewer put it ('exact' precision); a corrected date moves the
-- incident's month with it. Field names are those of store/corrections.py. Few rows: made once
-- (a table in the reader, a view in a writer) and read by corrected_incidents.sql.
SELECT
    i.* REPLACE (
        CASE WHEN c.has_killed THEN CAST(c.killed AS INTEGER) ELSE i.killed END                   AS killed,
        CASE WHEN c.has_children THEN CAST(c.children AS INTEGER) ELSE i.children END             AS children,
        CASE WHEN c.has_women THEN CAST(c.women AS INTEGER) ELSE i.women END                      AS women,
        CASE WHEN c.has_fetuses THEN CAST(c.fetuses AS INTEGER) ELSE i.fetuses END                AS fetuses,
        CASE WHEN c.has_wounded THEN CAST(c.wounded AS INTEGER) ELSE i.wounded END                AS wounded,
        CASE WHEN c.has_perpetrator THEN c.perpetrator ELSE i.perpetrator END                     AS perpetrator,
        CASE WHEN c.has_date THEN CAST(c.date AS DATE) ELSE i.date END                            AS date,
        CASE WHEN c.has_date THEN left(c.date, 7) ELSE i.incident_month END                       AS incident_month,
        CASE WHEN c.has_governorate THEN c.governorate ELSE i.governorate END                     AS governorate,
        CASE WHEN c.has_place THEN c.place ELSE i.place END                                       AS place,
        CASE WHEN c.has_point THEN CAST(split_part(c.point, ',', 1) AS DOUBLE) ELSE i.point_lat END AS point_lat,
        CASE WHEN c.has_point THEN CAST(split_part(c.point, ',', 2) AS DOUBLE) ELSE i.point_lon END AS point_lon,
        CASE WHEN c.has_point THEN (CASE WHEN c.point IS NULL THEN NULL ELSE 'exact' END)
             ELSE i.precision END                                                                 AS precision,
        CASE WHEN c.has_area_of_control THEN c.area_of_control ELSE i.area_of_control END         AS area_of_control,
        CASE WHEN c.has_weapon THEN c.weapon ELSE i.weapon END                                    AS weapon
    ),
    c.reviewed                                                                                    AS reviewed,
    c.corrected                                                                                   AS corrected
FROM parsed_incidents AS i
JOIN applied_corrections AS c ON c.report_month = i.report_month AND c.seq = i.seq
