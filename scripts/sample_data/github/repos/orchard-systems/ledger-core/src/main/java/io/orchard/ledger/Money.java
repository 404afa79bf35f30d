/*
 * Copyright 2022 Orchard Systems Ltd.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.orchard.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An immutable amount of money in a single currency.
 *
 * <p>Amounts are held in minor units (cents, pence, ...) as a {@code long}, so
 * arithmetic is exact and never passes through floating point.
 */
public final class Money implements Comparable<Money> {

    private final long minorUnits;
    private final Currency currency;

    private Money(long minorUnits, Currency currency) {
        this.minorUnits = minorUnits;
        this.currency = Objects.requireNonNull(currency, "currency");
    }

    public static Money ofMinor(long minorUnits, Currency currency) {
        return new Money(minorUnits, currency);
    }

    public static Money of(BigDecimal amount, Currency currency) {
        BigDecimal scaled = amount.setScale(fractionDigits(currency), RoundingMode.HALF_EVEN);
        return new Money(scaled.unscaledValue().longValueExact(), currency);
    }

    private static int fractionDigits(Currency currency) {
        // Pseudo-currencies such as XAU report -1; treat them as whole units.
        return Math.max(0, currency.getDefaultFractionDigits());
    }

    public Currency currency() {
        return currency;
    }

    public long minorUnits() {
        return minorUnits;
    }

    public BigDecimal toBigDecimal() {
        return BigDecimal.valueOf(minorUnits, fractionDigits(currency));
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(minorUnits, other.minorUnits), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(minorUnits, other.minorUnits), currency);
    }

    public Money negate() {
        return new Money(Math.negateExact(minorUnits), currency);
    }

    public boolean isNegative() {
        return minorUnits < 0;
    }

    /** Splits this amount into {@code parts} shares that differ by at most one minor unit. */
    public Money[] allocate(int parts) {
        if (parts <= 0) {
            throw new IllegalArgumentException("parts must be positive, got " + parts);
        }
        Money[] result = new Money[parts];
        long share = Math.floorDiv(minorUnits, parts);
        long remainder = Math.floorMod(minorUnits, parts);
        for (int i = 0; i < parts; i++) {
            result[i] = new Money(share + (i < remainder ? 1 : 0), currency);
        }
        return result;
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException(
                    "currency mismatch: " + currency + " vs " + other.currency);
        }
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return Long.compare(minorUnits, other.minorUnits);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Money)) {
            return false;
        }
        Money m = (Money) o;
        return minorUnits == m.minorUnits && currency.equals(m.currency);
    }

    @Override
    public int hashCode() {
        return Objects.hash(minorUnits, currency);
    }

    @Override
    public String toString() {
        return toBigDecimal().toPlainString() + " " + currency.getCurrencyCode();
    }
}
