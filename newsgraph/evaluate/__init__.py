"""evaluate stage: predictions in the answer-key shape, and their scores against gold keys."""

from newsgraph.evaluate.answer_key import key_file_name, to_answer_key, write_answer_keys
from newsgraph.evaluate.names import fold_name
from newsgraph.evaluate.scorer import (
    EvaluationError,
    Scores,
    load_key_dir,
    score,
    score_dirs,
    score_pairs,
)

__all__ = [
    "EvaluationError",
    "Scores",
    "fold_name",
    "key_file_name",
    "load_key_dir",
    "score",
    "score_dirs",
    "score_pairs",
    "to_answer_key",
    "write_answer_keys",
]
