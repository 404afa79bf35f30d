/* SPDX-License-Identifier: BSD-3-Clause */
/* Copyright (c) 2021, Kestrel Embedded */
#ifndef KESTREL_RINGBUF_H
#define KESTREL_RINGBUF_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Single-producer, single-consumer byte ring buffer.
 *
 * head and tail are free-running counters and only their difference matters,
 * so the buffer holds exactly `capacity` bytes with no wasted slot. The caller
 * owns the storage, whose size must be a power of two.
 */
struct ringbuf {
    uint8_t *buf;
    size_t mask;
    volatile size_t head;
    volatile size_t tail;
};

int ringbuf_init(struct ringbuf *rb, uint8_t *storage, size_t capacity);
size_t ringbuf_used(const struct ringbuf *rb);
size_t ringbuf_free(const struct ringbuf *rb);
size_t ringbuf_write(struct ringbuf *rb, const uint8_t *data, size_t len);
size_t ringbuf_read(struct ringbuf *rb, uint8_t *out, size_t len);
int ringbuf_peek(const struct ringbuf *rb, uint8_t *out);

#ifdef __cplusplus
}
#endif

#endif /* KESTREL_RINGBUF_H */
