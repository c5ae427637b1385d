package cadl.notebook;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;

class InterruptsTest {

    @Test
    void checkPassesOnAThreadThatWasNotInterrupted() {
        assertDoesNotThrow(Interrupts::check);
    }

    @Test
    void checkThrowsOnAnInterruptedThreadAndKeepsTheFlag() {
        Thread.currentThread().interrupt();
        try {
            CancellationException e = assertThrows(CancellationException.class, Interrupts::check);
            assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag must stay set");
        } finally {
            Thread.interrupted(); // leave this test thread clean
        }
    }
}
