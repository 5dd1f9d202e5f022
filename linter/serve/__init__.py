"""`bplint serve`: a page on this computer to drop files into and read their report, for reviewers
who never open a terminal (the optional extra `bplint[serve]`: Starlette, uvicorn, python-multipart).

bplint.serve.app holds the routes; uploads.py the streamed upload; checking.py the linting and the
outputs; store.py the reports kept; page.py and templates/ the page; command.py the command.
"""
