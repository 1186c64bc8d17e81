/** The pure rules of marking: allocation, mark checks, double marking, tolerance and arbitration. */
package cn.examcore.server.marking.domain;
