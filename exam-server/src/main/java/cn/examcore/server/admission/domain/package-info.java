/** The admission ticket's content and a sitting's admission settings: plain records, no Vert.x. */
package cn.examcore.server.admission.domain;
