"""What the Streamlit pages share: filters and their URL state, the palette, readable tables, the
chart-and-export block, the map deck, the upload flow.

May import every lower layer (`errors`, `reports`, `places`, `store`, `pipeline`); nothing imports it
but the pages, `app.py` and `cli`.
"""
