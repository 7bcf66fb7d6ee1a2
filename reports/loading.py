"""The fixtures' `reviews`: each year's review text (introduction, the working group's own
assessment, conclusions, next steps) and verdicts on the policy results.

Registered with the fixture loader (programmes/fixture_loader.py), which finds this module by
its name.
"""

from typing import Any

from programmes.fixture_loader import Context, FixtureError, section
from reports.models import PolicyResultVerdict, ReviewText


@section("reviews")
def reviews_load(context: Context, items: list[dict[str, Any]]) -> None:
    for item in items:
        context.sync(
            ReviewText,
            {"programme": context.programme, "year": item["year"]},
            {
                name: item.get(name, "")
                for name in ("introduction", "assessment", "conclusions", "next_steps")
            },
        )
        verdicts = item.get("verdicts", [])
        if len(verdicts) > len(context.policy_results):
            raise FixtureError(
                f"{context.folder}: {item['year']}: more verdicts than policy results"
            )
        for policy_result, text in zip(context.policy_results, verdicts, strict=False):
            context.sync(
                PolicyResultVerdict,
                {"policy_result": policy_result, "year": item["year"]},
                {"text": text},
            )
