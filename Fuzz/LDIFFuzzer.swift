// libFuzzer entry point: any bytes through the LDIF reader (both APIs) and DN/title parsing.
// Built by Fuzz/run.sh with -sanitize=fuzzer,address; not part of the package build.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    let reader = LDIFReader(bytes: bytes, name: "fuzz", options: LDIFReaderOptions(maxRecordBytes: 1 << 16), chunkSize: 7)
    var records = 0
    while records < 10_000 {
        do {
            guard let record = try reader.next() else { break }
            _ = LDIFWriter().document([record])
            _ = try? DistinguishedName(record.dnText)
            _ = DistinguishedName.normalize(record.dnText)
            _ = DistinguishedName.isValid(record.dnText)
            for attribute in record.attributes {
                for value in attribute.values { _ = NormalizedTitle(String(decoding: value, as: UTF8.self)) }
            }
        } catch {}
        records += 1
    }
    let visitor = LDIFReader(bytes: bytes, name: "fuzz")
    for _ in 0..<10_000 {
        do { guard try visitor.nextEntry({ _, _ in }) != nil else { break } } catch {}
    }
    return 0
}
