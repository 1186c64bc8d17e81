/**
 * Authentication building blocks the HTTP layer composes: password hashing, signed tokens for staff,
 * candidates and terminals, and per-key rate limiting. Nothing here knows about routes or Hazelcast.
 */
package cn.examcore.server.auth;
