/// What the reader script printed about a file (see `ReaderScript`).
struct ReaderReport: Decodable {
    struct ArrowField: Decodable {
        let name: String
        let type: String
        let nullable: Bool
    }

    struct ParquetColumnInfo: Decodable {
        let path: String
        let physicalType: String
        let logicalType: String
        let convertedType: String
        let maxDefinitionLevel: Int
        let maxRepetitionLevel: Int
    }

    struct Statistics: Decodable {
        let hasMinMax: Bool
        let min: String?
        let max: String?
        let nullCount: Int?
    }

    struct Chunk: Decodable {
        let path: String
        let compression: String
        let encodings: [String]
        let dataPageOffset: Int
        let dictionaryPageOffset: Int?
        let statistics: Statistics?
    }

    struct RowGroup: Decodable {
        let numRows: Int
        let columns: [Chunk]
    }

    let numRows: Int
    let numRowGroups: Int
    let createdBy: String
    let metadata: [String: String]
    let arrowSchema: [ArrowField]
    let parquetColumns: [ParquetColumnInfo]
    let rowGroups: [RowGroup]
    let arrowValues: [String: [String?]]
    let duckdbTypes: [String: String]
    let duckdbValues: [String: [String?]]

    func arrowField(_ name: String) -> ArrowField? { arrowSchema.first { $0.name == name } }
    func parquetColumn(_ path: String) -> ParquetColumnInfo? { parquetColumns.first { $0.path == path } }
    func chunk(_ group: Int, _ path: String) -> Chunk? { rowGroups[group].columns.first { $0.path == path } }
}
