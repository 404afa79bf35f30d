// Copyright 2023 Northfield Simulation Group
//
// Licensed under the Apache License, Version 2.0 (the "License");
// you may not use this file except in compliance with the License.
// You may obtain a copy of the License at
//
//     http://www.apache.org/licenses/LICENSE-2.0
//
// Unless required by applicable law or agreed to in writing, software
// distributed under the License is distributed on an "AS IS" BASIS,
// WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
// See the License for the specific language governing permissions and
// limitations under the License.
#include "particles/spatial_hash.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace particles {

namespace {

// Three large primes, one per axis; XOR of the products spreads nearby cells
// over the buckets well enough for particle counts in the millions.
constexpr std::int64_t kPrimeX = 73856093;
constexpr std::int64_t kPrimeY = 19349663;
constexpr std::int64_t kPrimeZ = 83492791;

}  // namespace

SpatialHash::SpatialHash(float cell_size, std::size_t bucket_count)
    : cell_size_(cell_size), inv_cell_(1.0f / cell_size), buckets_(bucket_count) {}

std::size_t SpatialHash::BucketFor(const Cell& c) const {
  const std::int64_t h = (c.x * kPrimeX) ^ (c.y * kPrimeY) ^ (c.z * kPrimeZ);
  return static_cast<std::size_t>(h) % buckets_.size();
}

Cell SpatialHash::CellOf(const Vec3& p) const {
  return Cell{static_cast<std::int64_t>(std::floor(p.x * inv_cell_)),
              static_cast<std::int64_t>(std::floor(p.y * inv_cell_)),
              static_cast<std::int64_t>(std::floor(p.z * inv_cell_))};
}

void SpatialHash::Clear() {
  for (auto& bucket : buckets_) bucket.clear();
}

void SpatialHash::Insert(std::uint32_t id, const Vec3& position) {
  buckets_[BucketFor(CellOf(position))].push_back(Entry{id, position});
}

void SpatialHash::QueryRadius(const Vec3& center, float radius,
                              std::vector<std::uint32_t>* out) const {
  out->clear();
  const float r2 = radius * radius;
  const Cell lo = CellOf(Vec3{center.x - radius, center.y - radius, center.z - radius});
  const Cell hi = CellOf(Vec3{center.x + radius, center.y + radius, center.z + radius});
  for (std::int64_t x = lo.x; x <= hi.x; ++x) {
    for (std::int64_t y = lo.y; y <= hi.y; ++y) {
      for (std::int64_t z = lo.z; z <= hi.z; ++z) {
        for (const Entry& e : buckets_[BucketFor(Cell{x, y, z})]) {
          if (DistanceSquared(e.position, center) <= r2) out->push_back(e.id);
        }
      }
    }
  }
  // Different cells can share a bucket, so the same particle may be seen twice.
  std::sort(out->begin(), out->end());
  out->erase(std::unique(out->begin(), out->end()), out->end());
}

}  // namespace particles
