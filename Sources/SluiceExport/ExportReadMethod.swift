/// How an export reads its rows.
public enum ExportReadMethod: Sendable, Equatable {
    /// `COPY (...) TO STDOUT (FORMAT binary)`, falling back to a cursor when the server rejects the COPY
    /// before sending anything with a syntax or feature-not-supported error (CrateDB, some PostgreSQL-wire
    /// databases).
    case automatic
    /// Always the server-side cursor (`DECLARE ... NO SCROLL CURSOR`, `FETCH n`), text values.
    case cursor
}
