-- Incidents whose place, site, perpetrator, governorate or paragraph contains the search
-- text (case-insensitive), optionally limited to one report month.
SELECT
    report_month, seq, date, time, perpetrator, attribution_uncertain, governorate, place, site,
    killed, children, women, fetuses, wounded, wounded_qualifier, killed_is_lower_bound,
    same_family, idps, weapon, target, area_of_control, lat, lon, line, paragraph
FROM incidents
WHERE ($month IS NULL OR report_month = $month)
  AND ($search IS NULL
       OR contains(lower(coalesce(place, '') || ' ' || coalesce(site, '') || ' ' || perpetrator || ' '
                         || coalesce(governorate, '') || ' ' || paragraph), lower($search)))
ORDER BY report_month, seq
