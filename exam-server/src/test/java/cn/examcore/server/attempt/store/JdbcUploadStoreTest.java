package cn.examcore.server.attempt.store;

import static cn.examcore.server.storage.jdbc.StoreDatabase.await;
import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.storage.jdbc.StoreDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Uploaded answer files in the database")
class JdbcUploadStoreTest {

    @ParameterizedTest(name = "on {0}")
    @MethodSource("cn.examcore.server.storage.jdbc.StoreDatabase#backends")
    @DisplayName("An upload reads back with its content; an unknown id reads nothing")
    void upload(String backend) throws Exception {
        try (StoreDatabase d = StoreDatabase.open(backend)) {
            UploadStore store = new JdbcUploadStore(d.db(), d.workers());
            assertThat(await(store.saveUpload(new StoredUpload("f-1", "a-1", "报告.docx", "application/msword",
                    new byte[] {1, 2, 3}, 42), 20, 1 << 20))).isTrue();
            StoredUpload read = await(store.upload("f-1")).orElseThrow();
            assertThat(read.attemptId()).isEqualTo("a-1");
            assertThat(read.name()).isEqualTo("报告.docx");
            assertThat(read.mediaType()).isEqualTo("application/msword");
            assertThat(read.content()).containsExactly(1, 2, 3);
            assertThat(read.createdAt()).isEqualTo(42);
            assertThat(await(store.upload("f-2"))).isEmpty();
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("cn.examcore.server.storage.jdbc.StoreDatabase#backends")
    @DisplayName("The owners of many uploads are read at once, past one IN list; unknown ids are left out")
    void owners(String backend) throws Exception {
        try (StoreDatabase d = StoreDatabase.open(backend)) {
            UploadStore store = new JdbcUploadStore(d.db(), d.workers());
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 700; i++) {
                String id = "f-" + i;
                await(store.saveUpload(new StoredUpload(id, "a-" + (i % 3), "f", "text/plain", new byte[] {1}, i),
                        1000, 1 << 20));
                ids.add(id);
            }
            ids.add("f-unknown");
            ids.add("f-5");
            Map<String, String> owners = await(store.uploadOwners(ids));
            assertThat(owners).hasSize(700).containsEntry("f-5", "a-2").containsEntry("f-699", "a-0")
                    .doesNotContainKey("f-unknown");
            assertThat(await(store.uploadOwners(List.of()))).isEmpty();
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("cn.examcore.server.storage.jdbc.StoreDatabase#backends")
    @DisplayName("An upload beyond its attempt's file count or bytes is not stored; other attempts are not affected")
    void quota(String backend) throws Exception {
        try (StoreDatabase d = StoreDatabase.open(backend)) {
            UploadStore store = new JdbcUploadStore(d.db(), d.workers());
            byte[] kib = new byte[1024];
            assertThat(await(store.saveUpload(new StoredUpload("q-1", "a-q", "f", "x", kib, 1), 3, 2048))).isTrue();
            assertThat(await(store.saveUpload(new StoredUpload("q-2", "a-q", "f", "x", kib, 2), 3, 2048))).isTrue();
            // Bytes: a third KiB would make 3 KiB of a 2 KiB quota.
            assertThat(await(store.saveUpload(new StoredUpload("q-3", "a-q", "f", "x", kib, 3), 3, 2048))).isFalse();
            assertThat(await(store.upload("q-3"))).isEmpty();
            // Count: two files of a two-file quota.
            assertThat(await(store.saveUpload(new StoredUpload("q-4", "a-q", "f", "x", new byte[] {1}, 4), 2,
                    1 << 20))).isFalse();
            assertThat(await(store.saveUpload(new StoredUpload("q-5", "a-other", "f", "x", kib, 5), 3, 2048)))
                    .isTrue();
        }
    }
}
