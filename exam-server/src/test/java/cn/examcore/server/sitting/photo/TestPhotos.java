package cn.examcore.server.sitting.photo;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/** Real JPEG and PNG photos and zips of them, for the archive checks and the import tests. */
public final class TestPhotos {

    private TestPhotos() {
    }

    /** A noisy image (so that it does not compress away) of the given size, encoded as "jpg" or "png". */
    public static byte[] image(String format, int width, int height, long seed) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, random.nextInt(0xffffff));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] jpeg(long seed) {
        return image("jpg", 120, 160, seed);
    }

    public static byte[] png(long seed) {
        return image("png", 120, 160, seed);
    }

    /** A zip of these entries in this order, deflated; a name ending in "/" is a directory. */
    public static byte[] zip(Map<String, byte[]> entries) {
        return zip(entries, ZipEntry.DEFLATED);
    }

    public static byte[] zip(Map<String, byte[]> entries, int method) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                if (method == ZipEntry.STORED) {
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(e.getValue().length);
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    entry.setCrc(crc.getValue());
                }
                z.putNextEntry(entry);
                z.write(e.getValue());
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] zip(String name, byte[] content) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put(name, content);
        return zip(m);
    }
}
