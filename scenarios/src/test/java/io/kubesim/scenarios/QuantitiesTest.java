package io.kubesim.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Quantities parse as apimachinery's ParseQuantity does (resource/quantity.go) and convert as
 * MilliValue() (cpu) and Value() (bytes), both rounding up (k8s-semantics.md 9).
 */
class QuantitiesTest {
    @ParameterizedTest(name = "cpu {0} = {1}m")
    @CsvSource({
            "100m, 100",
            "0.5, 500",
            "1, 1000",
            "2, 2000",
            "99m, 99",
            "1m, 1",
            "0.0005, 1",
            "0.0001, 1",
            "1.5, 1500",
            "1e3, 1000000",
            "1E-3, 1",
            "5., 5000",
            ".25, 250",
            "100000n, 1",
            "250u, 1",
            "1k, 1000000",
    })
    void cpuMilliValueRoundsUp(String text, long millis) {
        assertEquals(millis, Quantities.milliValue(Quantities.parse(text)));
    }

    @ParameterizedTest(name = "memory {0} = {1} bytes")
    @CsvSource({
            "1Gi, 1073741824",
            "1.5Gi, 1610612736",
            "128974848, 128974848",
            "104857600, 104857600",
            "1e3, 1000",
            "1E3, 1000",
            "129e6, 129000000",
            "129M, 129000000",
            "123Mi, 128974848",
            "1Mi, 1048576",
            "6Mi, 6291456",
            "1Ki, 1024",
            "0.5, 1",
            "1.1, 2",
            "100m, 1",
            "1Ti, 1099511627776",
            "2Ei, 2305843009213693952",
    })
    void byteValueRoundsUpToWholeBytes(String text, long bytes) {
        assertEquals(bytes, Quantities.value(Quantities.parse(text)));
    }

    @Test
    void amountsFinerThanOneNanoAreRoundedUpToOneNano() {
        assertEquals(new BigDecimal("0.000000001"), Quantities.parse("0.0000000001"));
        assertEquals(new BigDecimal("-0.000000001"), Quantities.parse("-0.0000000001"));
    }

    @ParameterizedTest(name = "\"{0}\" is rejected")
    @ValueSource(strings = {"1x", "12Q", "100mi", "1.2.3", "", "Gi", "m", "-", ".", "1i", "1e", "1e1.5", "1Gb",
            "1 Gi", "0x10", "1K"})
    void rejectsWhatKubernetesRejects(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Quantities.parse(text));
        assertTrue(e.getMessage().equals(Quantities.FORMAT_WRONG) || e.getMessage().equals(Quantities.SUFFIX_WRONG),
                e.getMessage());
    }

    @Test
    void suffixErrorsUseUpstreamsMessage() {
        assertEquals("unable to parse quantity's suffix",
                assertThrows(IllegalArgumentException.class, () -> Quantities.parse("100mi")).getMessage());
        assertEquals("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
                assertThrows(IllegalArgumentException.class, () -> Quantities.parse("12Q")).getMessage());
    }

    /** fabric8's Quantity agrees on the value of every valid spelling we rely on. */
    @ParameterizedTest(name = "fabric8 agrees on {0}")
    @ValueSource(strings = {"100m", "0.5", "1Gi", "1.5Gi", "128974848", "1e3", "1E3", "123Mi", "129M", "6Mi", "2"})
    void fabric8AgreesOnValidQuantities(String text) {
        assertEquals(0, new Quantity(text).getNumericalAmount().compareTo(Quantities.parse(text)));
    }

    /**
     * fabric8 reads these typos into a Quantity without complaint and fails only later, in
     * getNumericalAmount(), with a raw Java exception; that is why manifests are checked with
     * {@link Quantities} while the tree is read, where the error can carry its line and column.
     */
    @ParameterizedTest(name = "fabric8 defers the error for \"{0}\"")
    @ValueSource(strings = {"1x", "12Q", "100mi"})
    void fabric8DefersQuantityErrorsToFirstUse(String text) {
        Quantity q = new Quantity(text);
        assertThrows(RuntimeException.class, q::getNumericalAmount);
        assertThrows(IllegalArgumentException.class, () -> Quantities.parse(text));
    }
}
