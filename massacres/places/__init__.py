"""Placing incidents: the gazetteer, the geocoder and the governorate boundaries.

May import `errors` and `reports` (the vocabularies and the parsed incident); never `store` or
`dashboard`.
"""
