/// A value bound to a statement parameter, in SQLite's storage classes.
/// Dates are stored as INTEGER microseconds since 1970 by the store's row code.
enum SQLiteValue {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
}
