/**
 * 准考证 and 身份核验: admission tickets (the PDF per candidate and per sitting or room, the public download by name
 * and ID number from the opening time), and the identity confirmation at the seat that can hold back a seat's key.
 */
package cn.examcore.server.admission;
