"""Who writes the explainer, and where a reader sends a correction: an issue in the content's repository.

The address is built from the explainer's ``repository``, or else the one the deploy gives
(``Settings.repository``, from the platform): its web address, as on GitHub, Gitea or Forgejo,
which open a new issue at ``/issues/new`` with the title and body given in the query, so every
page can offer a link that names itself.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from generator.pages import text
from generator.pages.pictures.picture import served


def byline(explainer: Any) -> str:
    """The authors as Markdown: "[Desk](url) and Another"."""
    names = [
        f"[{text.plain(author.name)}]({text.url(author.url)})" if author.url else text.plain(author.name)
        for author in explainer.authors
    ]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def correction_link(repository: str | None, title: str, page: str) -> str | None:
    """A new issue in the repository, titled after the page, or None when there is no repository to name."""
    if not repository:
        return None
    body = f"Page: {served(page) or '(home page)'}\n\nWhat is wrong, and a source that shows it:\n"
    query = urlencode({"title": f"Correction: {' '.join(title.split())}", "body": body})
    return f"{repository.rstrip('/')}/issues/new?{query}"
