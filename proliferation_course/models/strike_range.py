"""Range rings on a sphere: a stylised geometry model for the strike-range explorer.

A missile's nominal range ``d`` from a launch point is drawn as the set of
points at great-circle distance ``d`` from it. On a sphere of radius ``R``,
the point reached from latitude ``phi1`` and longitude ``lambda1`` along the
initial bearing ``theta`` (clockwise from north) after a distance ``d`` is
(the *destination-point formula*, with the angular distance ``delta = d / R``)::

    phi2    = asin(sin phi1 cos delta + cos phi1 sin delta cos theta)
    lambda2 = lambda1 + atan2(sin theta sin delta cos phi1, cos delta - sin phi1 sin phi2)

A ring is that point for ``n`` bearings evenly spaced round the compass. The
great-circle distance between two points uses the haversine formula. The
Earth is treated as a sphere of mean radius 6,371.0088 km, which is within
about 0.5 per cent of the ellipsoid: ample for a map of nominal ranges.

This is a teaching model: a nominal range is not a reach. Real reach depends
on the flight path, the payload, where launchers can actually go and survive,
and on defences, none of which the ring shows.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from numbers import Integral

from ..i18n import _
from ._validate import _check_real, check_positive

__all__ = [
    "EARTH_RADIUS_KM",
    "MAX_RANGE_KM",
    "PRESET_COLUMNS",
    "RangeRing",
    "destination_point",
    "great_circle_km",
    "largest_separation_km",
    "preset_arguments",
    "range_ring",
]

#: Mean radius of the Earth in km (IUGG mean radius R1).
EARTH_RADIUS_KM: float = 6371.0088
#: Half the circumference of the model sphere: the largest distance a ring can have.
MAX_RANGE_KM: float = math.pi * EARTH_RADIUS_KM
#: The columns of a ``strike_systems`` row (the explorer's presets: one per system) that the
#: model reads: the system's nominal range.
PRESET_COLUMNS: tuple[str] = ("range_km",)


def _check_lat(name: str, value: object) -> float:
    x = _check_real(name, value)
    if not -90.0 <= x <= 90.0:
        raise ValueError(f"{name} must lie in [-90, 90] degrees, got {x!r}")
    return x


def _check_lon(name: str, value: object) -> float:
    x = _check_real(name, value)
    if not -180.0 <= x <= 180.0:
        raise ValueError(f"{name} must lie in [-180, 180] degrees, got {x!r}")
    return x


def _check_distance(name: str, value: object, radius_km: float) -> float:
    d = check_positive(name, value, allow_zero=True)
    if d > math.pi * radius_km:
        raise ValueError(_("{parameter} must not exceed half the circumference ({limit:.0f} km), "
                           "got {value!r}").format(parameter=name, limit=math.pi * radius_km, value=d))
    return d


def _wrap_lon(lon: float) -> float:
    """Longitude in [-180, 180).

    The modulo can round up to exactly 180.0 for a longitude a hair below -180
    (e.g. -180 + 1e-14 after trigonometry), so that case is folded back.

    >>> _wrap_lon(180.0), _wrap_lon(-180.0 - 1e-14), _wrap_lon(190.0)
    (-180.0, -180.0, -170.0)
    """
    wrapped = (lon + 180.0) % 360.0 - 180.0
    return wrapped - 360.0 if wrapped >= 180.0 else wrapped


def preset_arguments(row: Mapping[str, object]) -> dict[str, float]:
    """The model's arguments for one system of the ``strike_systems`` table: its nominal range.

    Parameters
    ----------
    row
        One row of the ``strike_systems`` table (a dict or a pandas row); its
        other columns (``label``, ``theatre``, ...) are not read here.

    Returns
    -------
    dict
        ``range_km`` as a float, to pass to :func:`range_ring` as a keyword argument.

    Raises
    ------
    ValueError
        If the range is missing, not a number, negative or beyond half the
        circumference; the message names the system and the column.

    Examples
    --------
    >>> preset_arguments({"system_id": "df26", "range_km": 4000, "label": "DF-26"})
    {'range_km': 4000.0}
    >>> preset_arguments({"system_id": "x", "range_km": -5})
    Traceback (most recent call last):
    ...
    ValueError: system 'x': range_km must be non-negative, got -5.0
    """
    name = f"system {row['system_id']!r}" if "system_id" in row else "the system"
    if "range_km" not in row:
        raise ValueError(f"{name}: the column range_km is missing")
    try:
        return {"range_km": _check_distance("range_km", row["range_km"], EARTH_RADIUS_KM)}
    except ValueError as err:
        raise ValueError(f"{name}: {err}") from None


def destination_point(
    lat: float,
    lon: float,
    bearing_deg: float,
    distance_km: float,
    radius_km: float = EARTH_RADIUS_KM,
) -> tuple[float, float]:
    """The point reached from ``(lat, lon)`` along an initial bearing after a distance.

    Parameters
    ----------
    lat, lon
        Start point in degrees (latitude in [-90, 90], longitude in [-180, 180]).
    bearing_deg
        Initial bearing in degrees, clockwise from north (any finite value).
    distance_km
        Great-circle distance in km, from 0 to half the circumference.
    radius_km
        Radius of the sphere (positive); the Earth's mean radius by default.

    Returns
    -------
    tuple of float
        ``(lat, lon)`` of the destination in degrees, longitude in [-180, 180).

    Raises
    ------
    ValueError
        If a parameter is not a finite number or is out of range; the message
        names the parameter.

    Examples
    --------
    >>> lat, lon = destination_point(0.0, 0.0, 90.0, math.pi * EARTH_RADIUS_KM / 2)
    >>> round(lat, 6) + 0.0, lon
    (0.0, 90.0)
    >>> lat, lon = destination_point(0.0, 0.0, 0.0, 1000.0)
    >>> round(lat, 4), lon
    (8.9932, 0.0)
    """
    phi1 = math.radians(_check_lat("lat", lat))
    lam1 = math.radians(_check_lon("lon", lon))
    b = _check_real("bearing_deg", bearing_deg)
    if math.isinf(b):
        raise ValueError(f"bearing_deg must be finite, got {b!r}")
    r = check_positive("radius_km", radius_km)
    delta = _check_distance("distance_km", distance_km, r) / r
    theta = math.radians(b)
    sin_phi2 = math.sin(phi1) * math.cos(delta) + math.cos(phi1) * math.sin(delta) * math.cos(theta)
    phi2 = math.asin(max(-1.0, min(1.0, sin_phi2)))
    lam2 = lam1 + math.atan2(math.sin(theta) * math.sin(delta) * math.cos(phi1),
                             math.cos(delta) - math.sin(phi1) * sin_phi2)
    return math.degrees(phi2) + 0.0, _wrap_lon(math.degrees(lam2)) + 0.0


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float,
                    radius_km: float = EARTH_RADIUS_KM) -> float:
    """Great-circle distance in km between two points (haversine formula).

    Examples
    --------
    >>> round(great_circle_km(0.0, 0.0, 0.0, 90.0), 1)  # a quarter of the circumference
    10007.6
    >>> great_circle_km(35.0, 139.0, 35.0, 139.0)
    0.0
    """
    p1, p2 = math.radians(_check_lat("lat1", lat1)), math.radians(_check_lat("lat2", lat2))
    l1, l2 = math.radians(_check_lon("lon1", lon1)), math.radians(_check_lon("lon2", lon2))
    r = check_positive("radius_km", radius_km)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin((l2 - l1) / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(h)))


def largest_separation_km(points: Sequence[tuple[float, float]],
                          radius_km: float = EARTH_RADIUS_KM) -> float:
    """The largest great-circle distance in km between any two of ``points`` (lat, lon).

    The explorer uses it to say how far apart a system's launch areas lie. One
    point gives 0.0; an empty sequence is an error, since it has no distance.

    Examples
    --------
    >>> round(largest_separation_km([(0.0, 0.0), (0.0, 10.0), (0.0, 90.0)]), 1)
    10007.6
    >>> largest_separation_km([(35.0, 139.0)])
    0.0
    """
    pts = list(points)
    if not pts:
        raise ValueError("points is empty: give at least one (lat, lon) pair")
    for i, p in enumerate(pts):
        if len(p) != 2:
            raise ValueError(f"points[{i}] must be a (lat, lon) pair, got {p!r}")
        _check_lat(f"points[{i}] latitude", p[0])
        _check_lon(f"points[{i}] longitude", p[1])
    return max((great_circle_km(a[0], a[1], b[0], b[1], radius_km)
                for i, a in enumerate(pts) for b in pts[i + 1:]), default=0.0)


@dataclass(frozen=True)
class RangeRing:
    """A closed ring of points at one distance from a launch point."""

    center_lat: float
    center_lon: float
    range_km: float
    lats: tuple[float, ...]
    lons: tuple[float, ...]


def range_ring(lat: float, lon: float, range_km: float, n_points: int = 48,
               radius_km: float = EARTH_RADIUS_KM) -> RangeRing:
    """The ring of points at ``range_km`` from ``(lat, lon)``, for ``n_points`` bearings.

    Bearings are ``360 k / n_points`` degrees for ``k = 0, ..., n_points - 1``,
    and the first point is repeated at the end so that the ring closes.

    Parameters
    ----------
    lat, lon
        Launch point in degrees.
    range_km
        Nominal range in km (0 to half the circumference).
    n_points
        Number of bearings, an integer from 3 to 3,600.
    radius_km
        Radius of the sphere.

    Examples
    --------
    >>> ring = range_ring(0.0, 0.0, 1000.0, n_points=4)
    >>> len(ring.lats), ring.lats[0] == ring.lats[-1]
    (5, True)
    >>> round(ring.lats[0], 4), round(ring.lons[1], 4)
    (8.9932, 8.9932)
    """
    if isinstance(n_points, bool) or not isinstance(n_points, Integral):
        raise ValueError(f"n_points must be an integer, got {type(n_points).__name__} {n_points!r}")
    if not 3 <= int(n_points) <= 3600:
        raise ValueError(f"n_points must lie between 3 and 3600, got {n_points!r}")
    c_lat, c_lon = _check_lat("lat", lat), _check_lon("lon", lon)
    r = check_positive("radius_km", radius_km)
    d = _check_distance("range_km", range_km, r)
    points = [destination_point(c_lat, c_lon, 360.0 * k / int(n_points), d, r) for k in range(int(n_points))]
    points.append(points[0])
    return RangeRing(center_lat=c_lat, center_lon=c_lon, range_km=d,
                     lats=tuple(p[0] for p in points), lons=tuple(p[1] for p in points))
