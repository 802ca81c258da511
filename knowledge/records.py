"""Plain records: what the knowledge, question and rule files hold, free of pydantic at run time.

Each record is defined once (see the README's design notes), as a class decorated with `@record`: a slotted,
immutable standard-library dataclass (`Citation(source=…, line=…)`; positional arguments go in field order).
The program runs on these without importing pydantic — a start from the snapshot builds them straight from
JSON — and the loaders validate a TOML file straight into the same classes with `pydantic.TypeAdapter`:

- a field's limits are written beside it as `Annotated[int, Check(ge=0)]`; `Check` takes the keyword
  arguments of `pydantic.Field` (ge, le, gt, pattern, min_length …), so a broken file gets pydantic's own
  messages ("Input should be greater than or equal to 0");
- `Tagged("kind")` makes a union of records a discriminated union on one field (a fact's `kind`), so an error
  names the record's kind instead of listing every member of the union;
- `__pydantic_config__ = FORBID` (set on `Record`, inherited by every record): a key the record does not have
  is an error, never silently dropped.
pydantic reads these only when it builds a validator; this module imports nothing heavy.

Why not `@dataclass(frozen=True, slots=True, kw_only=True)` itself: it writes and compiles six methods per class
(`__init__`, `__repr__`, `__eq__`, `__hash__`, `__setattr__`, `__delattr__`), about 0.7 ms a class — some 25 ms
for the records a headless command imports, a quarter of its budget. `Record` gives every record the same six
once, generically (field by field from `__dataclass_fields__`), with the behaviour of a frozen dataclass:
assigning a field raises `dataclasses.FrozenInstanceError`; `dataclasses.fields`, `replace` and `asdict` work.
"""

from __future__ import annotations

from dataclasses import MISSING, FrozenInstanceError, dataclass
from typing import Annotated, Any, TypeVar

FORBID: dict[str, Any] = {"extra": "forbid"}
"""A record's `__pydantic_config__`: unknown keys in a file are rejected (pydantic reads this plain dict)."""

_set = object.__setattr__
T = TypeVar("T", bound=type)
V = TypeVar("V")


class Check:
    """`Annotated[T, Check(ge=0)]`: the limits of `pydantic.Field`, applied when a file is validated."""

    __slots__ = ("limits",)

    def __init__(self, **limits: Any) -> None:
        self.limits = limits

    def __repr__(self) -> str:
        return f"Check({', '.join(f'{k}={v!r}' for k, v in self.limits.items())})"

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from typing import Annotated

        from pydantic import Field

        return handler.generate_schema(Annotated[source, Field(**self.limits)])


class Tagged:
    """`Annotated[Union[...], Tagged("kind")]`: a union told apart by one field (pydantic's `Discriminator`)."""

    __slots__ = ("field",)

    def __init__(self, field: str) -> None:
        self.field = field

    def __repr__(self) -> str:
        return f"Tagged({self.field!r})"

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic import Discriminator

        return Discriminator(self.field).__get_pydantic_core_schema__(source, handler)


Exact = Annotated[V, Check(strict=True)]
"""`Exact[int]`: a value read from a file must already have this type (no "1" for 1, no true for 1)."""


class Record:
    """Base of every record: construction with defaults, immutability, equality and repr, field by field."""

    __slots__ = ()
    __pydantic_config__ = FORBID
    _defaults: tuple[tuple[str, Any, Any], ...] = ()
    """(name, default, default factory) per field, in field order; set by `record`."""

    def __init__(self, *args: Any, **values: Any) -> None:
        cls = type(self)
        if args:  # in field order, as a dataclass takes them (`Caveat(text)`)
            if len(args) > len(cls._defaults):
                raise TypeError(f"{cls.__name__}() takes at most {len(cls._defaults)} arguments ({len(args)} given)")
            for (name, _, _), value in zip(cls._defaults, args):
                if name in values:
                    raise TypeError(f"{cls.__name__}() got multiple values for argument '{name}'")
                values[name] = value
        for name, default, factory in cls._defaults:
            if name in values:
                _set(self, name, values.pop(name))
            elif default is not MISSING:
                _set(self, name, default)
            elif factory is not MISSING:
                _set(self, name, factory())
            else:
                raise TypeError(f"{cls.__name__}() missing required keyword argument: '{name}'")
        if values:
            raise TypeError(f"{cls.__name__}() got an unexpected keyword argument '{next(iter(values))}'")
        post_init = getattr(self, "__post_init__", None)
        if post_init is not None:
            post_init()

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name, _, _ in self._defaults)

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name, _, _ in self._defaults)
        return f"{type(self).__qualname__}({shown})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._values())

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field '{name}'")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field '{name}'")

    def __getstate__(self) -> tuple[Any, ...]:
        return self._values()

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        for (name, _, _), value in zip(self._defaults, state):
            _set(self, name, value)


def record(cls: T) -> T:
    """Make `cls` (a subclass of Record, with a docstring) a slotted dataclass whose methods come from Record."""
    made = dataclass(init=False, repr=False, eq=False, slots=True, kw_only=True)(cls)
    made._defaults = tuple((f.name, f.default, f.default_factory)  # type: ignore[attr-defined]
                           for f in made.__dataclass_fields__.values())  # type: ignore[attr-defined]
    return made
