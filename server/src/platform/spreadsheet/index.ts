export { openSpreadsheet, readSpreadsheet, type OpenSpreadsheet, type SheetRow, type SpreadsheetFormat, type SpreadsheetOptions } from './spreadsheet';
export { matchColumns, normalizeHeader, repeatedValues, valuesByKey, type ColumnMatch, type ColumnSpec } from './columns';
export { csvLine, csvStream, writeCsv, UTF8_BOM, type CsvValue, type CsvWriteOptions } from './csv-writer';
export { writeXlsx, type XlsxCell, type XlsxWriteOptions } from './xlsx-writer';
export { SpreadsheetError } from './errors';
export type { CsvDelimiter } from './csv-reader';
export type { TextEncoding } from './decode';
