// Distances on the Earth's surface between points given in degrees (WGS 84 latitude, longitude),
// and the box of latitudes and longitudes that holds a circle: what "near a point" queries need.
#pragma once

namespace cds::geo {

// The mean Earth radius (IUGG), in metres.
inline constexpr double kEarthRadiusM = 6'371'008.8;

// The great-circle distance in metres (haversine); exact to ~0.5 % on the ellipsoid, far better
// than a phone's location at the few kilometres it is used for.
double distance_m(double lat1, double lon1, double lat2, double lon2);

// The latitudes and longitudes of every point within `radius_m` of the centre (and a little more):
// a prefilter for a database index, never the answer itself. Valid away from the poles and the
// antimeridian, which Ho Chi Minh City is.
struct Box {
  double min_lat, max_lat, min_lon, max_lon;
};
Box box_around(double lat, double lon, double radius_m);

// Degrees of longitude shrink with latitude: multiply a longitude difference by this to compare it
// with latitude differences (equirectangular projection at `lat`).
double longitude_scale(double lat);

}  // namespace cds::geo
