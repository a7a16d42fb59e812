// Ward shapes as Boost.Geometry values, and reading them from GeoJSON. Coordinates stay in WGS84
// degrees (x = longitude, y = latitude): at a city's scale a point-in-polygon test needs no
// projection; distances are measured with an equirectangular scale (see distance_km).
// Included only by areas/*.cpp and their tests: Boost.Geometry is heavy to compile.
#pragma once

// GCC 12 at -O2 reports Boost.Geometry's envelope state (boxes it fills before reading) as "may be
// used uninitialized" once inlined into our functions; a false positive, silenced for the files
// that include this header (areas/*.cpp only).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#include <boost/geometry/geometries/box.hpp>
#include <boost/geometry/geometries/multi_polygon.hpp>
#include <boost/geometry/geometries/point_xy.hpp>
#include <boost/geometry/geometries/polygon.hpp>
#include <boost/json/value.hpp>

#include <string>

#include "common/status.hpp"

namespace cds::areas {

using GeoPoint = boost::geometry::model::d2::point_xy<double>;  // x lon, y lat
using GeoPolygon = boost::geometry::model::polygon<GeoPoint>;   // clockwise outer, closed
using GeoMultiPolygon = boost::geometry::model::multi_polygon<GeoPolygon>;
using GeoBox = boost::geometry::model::box<GeoPoint>;

// Reads a GeoJSON Polygon or MultiPolygon geometry object. Orientation is corrected (GeoJSON asks
// for counter-clockwise outer rings; sources disagree) and open rings are closed. A geometry that
// cannot be a shape (another type, a ring under 4 points, a coordinate that is not a longitude and
// latitude) is an Invalid status whose "detail" param says what is wrong.
Result<GeoMultiPolygon> read_geojson_geometry(const boost::json::value& geometry);

// Whether the shape is valid for Boost.Geometry (no self-intersections, holes inside their outer
// ring, ...); otherwise the reason, in Boost's words.
bool geometry_is_valid(const GeoMultiPolygon& shape, std::string& reason);

// The GeoJSON MultiPolygon geometry object of `shape`, coordinates with `decimals` digits after
// the point (GeoJSON orientation: outer rings counter-clockwise).
std::string geojson_text(const GeoMultiPolygon& shape, int decimals);

std::size_t point_count(const GeoMultiPolygon& shape);

// The shortest distance from (lat, lon) to the rings of `shape`, in kilometres, measured on a
// plane scaled by cos(lat) (good to well under 1% over a few kilometres).
double distance_km(const GeoMultiPolygon& shape, double lat, double lon);

}  // namespace cds::areas
