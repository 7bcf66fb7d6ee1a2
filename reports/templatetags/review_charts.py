from django import template

from reports import charts

register = template.Library()


@register.simple_tag
def status_bar(counts, title, width=360):
    return charts.status_bar(counts, title=title, width=width)


@register.simple_tag
def status_legend():
    return charts.status_legend()


@register.simple_tag
def progress_bar(share, title):
    return charts.progress_bar(share, title=title)


@register.simple_tag
def values_line(line, title):
    points = [(v.year, v.value) for v in line.values if v.value is not None]
    if line.indicator.baseline_value is not None and line.indicator.baseline_year:
        points.insert(0, (line.indicator.baseline_year, line.indicator.baseline_value))
    return charts.values_line(points, target=line.indicator.target_value, title=title)


@register.simple_tag
def trend_clients(trend, title):
    """A service's clients by year (reports/selectors.py ServiceTrend)."""
    return charts.trend_bars(trend.clients, title=title)


@register.simple_tag
def trend_costs(trend, title):
    """A service's cost in euro by year, the years converted from lats marked."""
    marked = frozenset(p.year for p in trend.points if p.converted)
    return charts.trend_bars(trend.costs, title=title, marked=marked)
