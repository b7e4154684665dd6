package io.dnsfailover.provider.zonefile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SerialNumbersTest {

  private static final LocalDate TODAY = LocalDate.of(2024, 6, 1);

  @Test
  void anOlderDateSerialMovesToTodaysFirst() {
    assertThat(SerialNumbers.next(2024010105L, TODAY)).isEqualTo(2024060100L);
  }

  @Test
  void aSerialFromTodayIsIncremented() {
    assertThat(SerialNumbers.next(2024060100L, TODAY)).isEqualTo(2024060101L);
    assertThat(SerialNumbers.next(2024060199L, TODAY)).isEqualTo(2024060200L);
  }

  @Test
  void aDateSerialAheadOfTodayIsStillIncremented() {
    assertThat(SerialNumbers.next(2030010100L, TODAY)).isEqualTo(2030010101L);
  }

  @Test
  void aPlainCounterIsIncremented() {
    assertThat(SerialNumbers.next(1L, TODAY)).isEqualTo(2L);
    assertThat(SerialNumbers.next(2024139901L, TODAY)).isEqualTo(2024139902L);
    assertThat(SerialNumbers.looksLikeDate(2024139901L)).isFalse();
  }

  @Test
  void theLargestSerialWrapsToZeroWhichRfc1982CountsAsGreater() {
    assertThat(SerialNumbers.next(4_294_967_295L, TODAY)).isZero();
  }
}
