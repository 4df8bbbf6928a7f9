/// A value bound to a statement parameter, in the storage classes both engines share
/// (SQLite's; PostgreSQL's bigint, double precision and text). Dates are stored as
/// integer microseconds since 1970 by the store's row code.
enum StoreValue: Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
}
