"""Shared writer for the transcription scripts: turns a dict of typed fields
into a project file (TOML front matter + Markdown body), in field order."""

ORDER = ["title", "number", "section", "plan", "level", "category", "work_item", "tags", "audience",
         "stages", "eligibility", "selection", "counties", "modes", "offline_days", "offline_days_at_least",
         "offline_parts", "online_hours", "online_hours_at_least", "duration_text", "cycle_years",
         "period", "trainees", "funding", "applicants", "sub_projects"]


def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, str):
        return q(v)
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {value(x)}" for k, x in v.items() if x not in (None, [], "")) + " }"
    if isinstance(v, list):
        if v and isinstance(v[0], dict):
            return "[\n" + "".join(f"  {value(x)},\n" for x in v) + "]"
        return "[" + ", ".join(value(x) for x in v) + "]"
    raise TypeError(v)


def front(fields):
    unknown = set(fields) - set(ORDER)
    assert not unknown, unknown
    out = ["+++"]
    for k in ORDER:
        v = fields.get(k)
        if v is None or v == [] or v is False:
            continue
        out.append(f"{k} = {value(v)}")
    out.append("+++")
    return "\n".join(out) + "\n"


def verbatim(seed_text, *snippets):
    """Every text copied from a seed must occur in it exactly."""
    for s in snippets:
        assert s in seed_text, f"not in seed: {s!r}"
