/*
 * wavetrim - trim leading and trailing silence from WAV files
 * Copyright (C) 2022  Lowtide Audio
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <https://www.gnu.org/licenses/>.
 */
#include "silence.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>

/* Root-mean-square level of a window of 16-bit samples, in dBFS. */
static double window_dbfs(const int16_t *samples, size_t n)
{
    double sum = 0.0;
    size_t i;

    for (i = 0; i < n; i++) {
        double s = samples[i] / 32768.0;
        sum += s * s;
    }
    if (n == 0 || sum == 0.0)
        return -INFINITY;
    return 10.0 * log10(sum / (double)n);
}

/*
 * Find the first and last windows louder than threshold_dbfs. On return
 * [*start, *end) covers the audible part of the clip. Returns 1 if sound was
 * found, 0 if the whole clip is silent and -1 on bad arguments.
 */
int find_sound_bounds(const int16_t *samples, size_t count, size_t window,
                      double threshold_dbfs, size_t *start, size_t *end)
{
    size_t pos;

    if (samples == NULL || window == 0 || count == 0)
        return -1;

    *start = count;
    for (pos = 0; pos < count; pos += window) {
        size_t n = count - pos < window ? count - pos : window;
        if (window_dbfs(samples + pos, n) > threshold_dbfs) {
            *start = pos;
            break;
        }
    }
    if (*start == count)
        return 0;

    *end = *start;
    for (pos = count; pos > *start;) {
        size_t n = pos - *start < window ? pos - *start : window;
        pos -= n;
        if (window_dbfs(samples + pos, n) > threshold_dbfs) {
            *end = pos + n;
            break;
        }
    }
    return 1;
}
