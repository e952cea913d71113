"""Claims across articles: statements that assert the same proposition joined into one claim, each statement's
stance toward it, the independent origins behind it and how its numbers drift."""
