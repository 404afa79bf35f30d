/*
 * Copyright (c) 2021, Kestrel Embedded
 * All rights reserved.
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 *
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the documentation
 *    and/or other materials provided with the distribution.
 *
 * 3. Neither the name of the copyright holder nor the names of its
 *    contributors may be used to endorse or promote products derived from
 *    this software without specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS"
 * AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE
 * IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */
#include "ringbuf.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Capacity must be a power of two so that indices can wrap with a mask. */
static int is_pow2(size_t n)
{
    return n != 0 && (n & (n - 1)) == 0;
}

int ringbuf_init(struct ringbuf *rb, uint8_t *storage, size_t capacity)
{
    if (rb == NULL || storage == NULL || !is_pow2(capacity))
        return -1;
    rb->buf = storage;
    rb->mask = capacity - 1;
    rb->head = 0;
    rb->tail = 0;
    return 0;
}

size_t ringbuf_used(const struct ringbuf *rb)
{
    return rb->head - rb->tail;
}

size_t ringbuf_free(const struct ringbuf *rb)
{
    return rb->mask + 1 - ringbuf_used(rb);
}

size_t ringbuf_write(struct ringbuf *rb, const uint8_t *data, size_t len)
{
    size_t room = ringbuf_free(rb);
    size_t idx, first;

    if (len > room)
        len = room;
    idx = rb->head & rb->mask;
    first = rb->mask + 1 - idx;
    if (first > len)
        first = len;
    memcpy(rb->buf + idx, data, first);
    memcpy(rb->buf, data + first, len - first);
    rb->head += len;
    return len;
}

size_t ringbuf_read(struct ringbuf *rb, uint8_t *out, size_t len)
{
    size_t avail = ringbuf_used(rb);
    size_t idx, first;

    if (len > avail)
        len = avail;
    idx = rb->tail & rb->mask;
    first = rb->mask + 1 - idx;
    if (first > len)
        first = len;
    memcpy(out, rb->buf + idx, first);
    memcpy(out + first, rb->buf, len - first);
    rb->tail += len;
    return len;
}

int ringbuf_peek(const struct ringbuf *rb, uint8_t *out)
{
    if (ringbuf_used(rb) == 0)
        return -1;
    *out = rb->buf[rb->tail & rb->mask];
    return 0;
}
