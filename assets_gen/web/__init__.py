"""The second thin front end: the members' avatar page and the upload API.

`render/page.py` makes the page's files (shared with the static export in `build`); `app.py` is
the Starlette app, `upload.py` reads uploads in memory within limits, `pool.py` renders
off the event loop, `errors.py` maps problems to 4xx JSON, `server.py` runs uvicorn.
"""
