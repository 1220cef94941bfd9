package io.mcpconn.infrastructure.postgres.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpconn.domain.connection.DuplicateServerNameException;
import io.mcpconn.infrastructure.postgres.PostgresTestDatabases;
import io.mcpconn.infrastructure.postgres.database.PostgresDatabase;
import io.mcpconn.testkit.fixtures.McpConnections;
import java.time.Clock;
import java.util.ArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two writers inserting a connection of the same name at the same moment: the one that commits
 * second must be told the name is taken. Its serializable snapshot predates the winner's row, so
 * the unique index refuses a row the transaction cannot see; the refusal is explained only on a
 * fresh attempt.
 */
class PostgresConcurrentRegistrationTest {

    private static final int ROUNDS = 30;

    private static PostgresDatabase database;

    @BeforeAll
    static void openDatabase() {
        database = PostgresTestDatabases.migrated("registration_race");
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @Test
    void of_two_writers_registering_one_name_at_once_one_wins_and_the_other_is_told_the_name_is_taken() throws Exception {
        var repository = new PostgresMcpConnectionRepository(database, PostgresTestDatabases.sealed());
        var clock = Clock.systemUTC();
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                var name = "raced-" + round;
                var start = new CyclicBarrier(2);
                var outcomes = new ArrayList<Future<String>>();
                for (int writer = 0; writer < 2; writer++) {
                    outcomes.add(writers.submit(() -> {
                        var connection = McpConnections.disconnected(name, clock);
                        start.await(10, TimeUnit.SECONDS);
                        try {
                            repository.save(connection);
                            return "saved";
                        } catch (DuplicateServerNameException e) {
                            return "duplicate";
                        }
                    }));
                }
                var answers = new ArrayList<String>();
                for (var outcome : outcomes) {
                    answers.add(outcome.get(30, TimeUnit.SECONDS));
                }
                assertThat(answers).as("round %d", round).containsExactlyInAnyOrder("saved", "duplicate");
            }
        } finally {
            writers.shutdownNow();
        }
    }
}
