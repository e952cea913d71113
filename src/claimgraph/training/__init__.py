"""Training the learned models, outside the runtime's import path: it reads evaluation corpora and scores with
the evaluation's scorer, which analysis never needs."""
