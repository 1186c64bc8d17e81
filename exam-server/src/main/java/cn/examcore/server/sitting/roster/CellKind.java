package cn.examcore.server.sitting.roster;

/** What kind of value a spreadsheet cell held. */
enum CellKind { TEXT, NUMBER, DATE, BOOLEAN, FORMULA, ERROR }
