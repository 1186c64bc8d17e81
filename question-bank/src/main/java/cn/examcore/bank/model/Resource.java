package cn.examcore.bank.model;

/**
 * A named binary a bank carries: an image a stem shows ({@code <img src="res:NAME">}) or an attachment of an
 * operation task.
 *
 * @param name      unique within the bank
 * @param mediaType e.g. image/png
 * @param bytes     the content
 */
public record Resource(String name, String mediaType, byte[] bytes) {
}
