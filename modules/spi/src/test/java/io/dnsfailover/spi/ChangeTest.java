package io.dnsfailover.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeTest {

  private static final DnsName APP = DnsName.of("app.example.test.");
  private static final RecordSet PRIMARY =
      RecordSet.of(APP, RecordType.A, 30, List.of("192.0.2.10"));
  private static final RecordSet BACKUP =
      RecordSet.of(APP, RecordType.A, 30, List.of("192.0.2.20"));

  @Test
  void everyChangeIsAboutTheKeyOfItsRecordSet() {
    RecordKey key = new RecordKey(APP, RecordType.A);

    assertThat(new Change.Create(PRIMARY, "new record").key()).isEqualTo(key);
    assertThat(new Change.Update(PRIMARY, BACKUP, "primary down").key()).isEqualTo(key);
    assertThat(new Change.Delete(PRIMARY, "no longer wanted").key()).isEqualTo(key);
  }

  @Test
  void anUpdateKeepsItsNameAndType() {
    RecordSet other = RecordSet.of(APP, RecordType.AAAA, 30, List.of("2001:db8::1"));

    assertThatThrownBy(() -> new Change.Update(PRIMARY, other, "type change"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an update keeps its name and type: app.example.test. A");
  }

  @Test
  void theReasonIsWhatAPersonReads() {
    assertThat(new Change.Update(PRIMARY, BACKUP, "primary down").reason())
        .isEqualTo("primary down");
  }

  @Test
  void everyPartIsRequired() {
    assertThatThrownBy(() -> new Change.Create(null, "x")).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Change.Create(PRIMARY, null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Change.Update(null, BACKUP, "x"))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Change.Delete(PRIMARY, null))
        .isInstanceOf(NullPointerException.class);
  }
}
