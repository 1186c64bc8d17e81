/**
 * The reference seat agent (考位代理): a client for {@code POST /api/agent/events} and a simulator that replays a
 * scripted or random scenario against a server. Plain JDK {@code HttpClient}; no Vert.x.
 * See {@code docs/seat-agent.md}.
 */
package cn.examcore.server.agent;
