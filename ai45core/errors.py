"""The library's one error type, with a stable code and a message in English and Chinese.

>>> err = AI45Error("too_short", "safety", en="needs at least 2 values", zh="至少需要 2 个数值")
>>> str(err)
'safety: needs at least 2 values'
>>> err.message("zh")
'safety：至少需要 2 个数值'
>>> err.to_dict()["code"]
'too_short'
"""

from __future__ import annotations

__all__ = ["AI45Error"]


class AI45Error(ValueError):
    """Bad input: ``code`` is stable (scripts and tests rely on it), ``field`` names the parameter.

    Args:
        code: a short snake_case identifier such as ``"not_finite"``; never changes once published.
        field: the parameter the error concerns (``""`` when it concerns the whole input).
        en: what was wrong and what is allowed, in English.
        zh: the same, in Chinese.
    """

    def __init__(self, code: str, field: str, *, en: str, zh: str) -> None:
        super().__init__(f"{field}: {en}" if field else en)
        self.code = code
        self.field = field
        self.en = en
        self.zh = zh

    def message(self, lang: str = "en") -> str:
        """The message in ``lang`` (``"en"`` or ``"zh"``), prefixed with the field name."""
        text = self.zh if lang == "zh" else self.en
        if not self.field:
            return text
        return f"{self.field}：{text}" if lang == "zh" else f"{self.field}: {text}"

    def to_dict(self) -> dict[str, str]:
        """Plain data for JSON: ``code``, ``field``, ``en``, ``zh``."""
        return {"code": self.code, "field": self.field, "en": self.en, "zh": self.zh}
