-- When the database was last written (a build, an ingest or an upload), in UTC: the date a
-- citation gives for the data.
SELECT max("at") AS built FROM ingest_log
