// Copyright 2023 Northfield Simulation Group
// SPDX-License-Identifier: Apache-2.0

#ifndef PARTICLES_SPATIAL_HASH_H_
#define PARTICLES_SPATIAL_HASH_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace particles {

struct Vec3 {
  float x, y, z;
};

inline float DistanceSquared(const Vec3& a, const Vec3& b) {
  const float dx = a.x - b.x, dy = a.y - b.y, dz = a.z - b.z;
  return dx * dx + dy * dy + dz * dz;
}

struct Cell {
  std::int64_t x, y, z;
};

// A uniform grid over unbounded space, stored as a fixed number of hash
// buckets. Rebuilt every step: Clear(), then Insert() every particle.
class SpatialHash {
 public:
  SpatialHash(float cell_size, std::size_t bucket_count);

  void Clear();
  void Insert(std::uint32_t id, const Vec3& position);

  // Writes the ids of all particles within `radius` of `center` to `out`,
  // sorted and without duplicates.
  void QueryRadius(const Vec3& center, float radius, std::vector<std::uint32_t>* out) const;

  float cell_size() const { return cell_size_; }

 private:
  struct Entry {
    std::uint32_t id;
    Vec3 position;
  };

  Cell CellOf(const Vec3& p) const;
  std::size_t BucketFor(const Cell& c) const;

  float cell_size_;
  float inv_cell_;
  std::vector<std::vector<Entry>> buckets_;
};

}  // namespace particles

#endif  // PARTICLES_SPATIAL_HASH_H_
