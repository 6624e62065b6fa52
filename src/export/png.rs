//! PNG files: pixels encoded with their print resolution, and SVG text rendered on the CPU by
//! resvg with only the bundled fonts (for SVG written by others, and to hold the direct
//! raster of [`super::raster`] to the SVG), so the bytes are the same on every machine for
//! the same input.

use crate::fonts;
use resvg::{tiny_skia, usvg};
use std::sync::{Arc, OnceLock};

/// Why an image could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PngError {
    /// The size is zero or too large to allocate.
    #[error("image size {0}x{1} is not possible (each side 1 to 16384 pixels)")]
    Size(u32, u32),
    /// The SVG did not parse (a bug: we write it ourselves).
    #[error("internal SVG error: {0}")]
    Svg(String),
    /// PNG encoding failed.
    #[error("PNG encoding failed: {0}")]
    Encode(String),
}

/// Largest side of an image, pixels.
pub const MAX_SIDE: u32 = 16_384;

/// Options for usvg with only the bundled fonts: text laid out the same on every machine.
pub(crate) fn usvg_options() -> usvg::Options<'static> {
    usvg::Options {
        fontdb: font_database(),
        ..Default::default()
    }
}

fn font_database() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(fonts::REGULAR_TTF.to_vec());
        db.load_font_data(fonts::BOLD_TTF.to_vec());
        db.set_sans_serif_family(fonts::FAMILY);
        Arc::new(db)
    })
    .clone()
}

/// Checks that an image of `width` x `height` pixels can be made.
///
/// # Errors
/// A side of 0 or over [`MAX_SIDE`].
pub fn check_size(width: u32, height: u32) -> Result<(), PngError> {
    if width == 0 || height == 0 || width > MAX_SIDE || height > MAX_SIDE {
        return Err(PngError::Size(width, height));
    }
    Ok(())
}

/// Renders SVG text to PNG bytes at its own size; `dpi`, when given, is recorded in the file
/// (so print tools size a 300 dpi A4 page as A4).
///
/// # Errors
/// An impossible size, SVG that does not parse, or a failed encoding.
pub fn svg_to_png(
    svg: &str,
    width: u32,
    height: u32,
    dpi: Option<f64>,
) -> Result<Vec<u8>, PngError> {
    let pixmap = svg_to_pixmap(svg, width, height)?;
    encode_png(pixmap, dpi)
}

/// Renders SVG text into premultiplied RGBA pixels (to hold the direct raster to the SVG).
///
/// # Errors
/// An impossible size or SVG that does not parse.
pub fn svg_to_pixmap(svg: &str, width: u32, height: u32) -> Result<tiny_skia::Pixmap, PngError> {
    check_size(width, height)?;
    let tree =
        usvg::Tree::from_str(svg, &usvg_options()).map_err(|e| PngError::Svg(e.to_string()))?;
    let mut pixmap = tiny_skia::Pixmap::new(width, height).ok_or(PngError::Size(width, height))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::identity(),
        &mut pixmap.as_mut(),
    );
    Ok(pixmap)
}

/// The SVG with every text turned into the outlines of its glyphs in the bundled font, as
/// usvg lays it out: the same picture in any renderer, no font needed.
///
/// # Errors
/// SVG that does not parse (a bug: we write it ourselves).
pub fn text_as_paths(svg: &str) -> Result<String, PngError> {
    let tree =
        usvg::Tree::from_str(svg, &usvg_options()).map_err(|e| PngError::Svg(e.to_string()))?;
    Ok(tree.to_string(&usvg::WriteOptions::default()))
}

/// How many slices a PNG is compressed in, at once, whatever the machine.
const SLICES: usize = 2;

/// PNG bytes of a pixmap; `dpi`, when given, is recorded in the file.
///
/// The rows are compressed in two slices at once (zlib level 2, each slice ending on
/// a byte boundary with a sync flush, as pigz does), then joined into one zlib stream: any
/// PNG reader sees one ordinary stream. Level 2 is near the default level's size (5 % larger)
/// in two thirds of its time; the fastest mode (fdeflate) makes hatched maps two and a half
/// times larger.
///
/// # Errors
/// A failed compression.
pub fn encode_png(pixmap: tiny_skia::Pixmap, dpi: Option<f64>) -> Result<Vec<u8>, PngError> {
    let (width, height) = (pixmap.width(), pixmap.height());
    let rgba = pixmap.take_demultiplied();
    let stride = width as usize * 4;
    // A fixed number of slices, so the bytes are the same on every machine.
    let rows = (height as usize).div_ceil(SLICES).max(1);
    let slices: Vec<(usize, usize)> = (0..height as usize)
        .step_by(rows)
        .map(|first| (first, (first + rows).min(height as usize)))
        .collect();
    let last = slices.len() - 1;
    let parts: Vec<Result<Slice, PngError>> = crate::threads::scope(|scope| {
        let jobs: Vec<_> = slices
            .iter()
            .enumerate()
            .map(|(i, &(first, end))| {
                let rgba = &rgba;
                scope.spawn(move || {
                    let rows = unfiltered_rows(rgba, stride, first, end);
                    let mut adler = simd_adler32::Adler32::new();
                    adler.write(&rows);
                    let compressed = deflate(&rows, i == last)?;
                    Ok((compressed, adler.finish(), rows.len()))
                })
            })
            .collect();
        jobs.into_iter()
            .map(|job| {
                job.join()
                    .unwrap_or_else(|_| Err(PngError::Encode("compression failed".into())))
            })
            .collect()
    });
    // zlib: header (deflate, 32 KB window, no dictionary), the slices, Adler-32 of it all.
    let mut zlib = vec![0x78, 0x01];
    let mut adler = 1;
    for part in parts {
        let (compressed, part_adler, len) = part?;
        zlib.extend_from_slice(&compressed);
        adler = adler32_combine(adler, part_adler, len);
    }
    zlib.extend_from_slice(&adler.to_be_bytes());
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = Vec::with_capacity(13);
    header.extend_from_slice(&width.to_be_bytes());
    header.extend_from_slice(&height.to_be_bytes());
    // 8 bits a channel, RGBA, deflate, filter method 0 (each row names its filter), not
    // interlaced.
    header.extend_from_slice(&[8, 6, 0, 0, 0]);
    chunk(&mut png, b"IHDR", &header);
    if let Some(dpi) = dpi {
        let per_metre = (dpi / 0.0254).round() as u32;
        let mut phys = Vec::with_capacity(9);
        phys.extend_from_slice(&per_metre.to_be_bytes());
        phys.extend_from_slice(&per_metre.to_be_bytes());
        phys.push(1);
        chunk(&mut png, b"pHYs", &phys);
    }
    for data in zlib.chunks(1 << 30) {
        chunk(&mut png, b"IDAT", data);
    }
    chunk(&mut png, b"IEND", &[]);
    Ok(png)
}

/// A slice of the image compressed: its deflate stream, the Adler-32 of its rows and their
/// length, bytes.
type Slice = (Vec<u8>, u32, usize);

/// Appends a PNG chunk: length, type, data, CRC of type and data.
fn chunk(png: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    png.extend_from_slice(&(data.len() as u32).to_be_bytes());
    png.extend_from_slice(kind);
    png.extend_from_slice(data);
    let mut crc = crc32fast::Hasher::new();
    crc.update(kind);
    crc.update(data);
    png.extend_from_slice(&crc.finalize().to_be_bytes());
}

/// Rows `first..end` of the image, each behind its filter byte. No filter: the maps are flat
/// colour with anti-aliased edges, which deflate finds as long repeats; the usual adaptive
/// filters turn those into noise (the 4K briefing is 20 % larger with them, and they took as
/// long as the compression).
fn unfiltered_rows(rgba: &[u8], stride: usize, first: usize, end: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity((end - first) * (stride + 1));
    for row in rgba[first * stride..end * stride].chunks(stride) {
        out.push(0);
        out.extend_from_slice(row);
    }
    out
}

/// Raw deflate of `data` at level 2, ending with the final block when `last`, else with a
/// sync flush (an empty stored block) so the next slice starts on a byte boundary.
fn deflate(data: &[u8], last: bool) -> Result<Vec<u8>, PngError> {
    use flate2::{Compress, Compression, FlushCompress, Status};
    let mut compress = Compress::new(Compression::new(2), false);
    let mut out = Vec::with_capacity(data.len() / 4 + 64);
    let flush = if last {
        FlushCompress::Finish
    } else {
        FlushCompress::Sync
    };
    loop {
        let read = compress.total_in() as usize;
        let status = compress
            .compress_vec(&data[read..], &mut out, flush)
            .map_err(|e| PngError::Encode(e.to_string()))?;
        let done = compress.total_in() as usize == data.len();
        match status {
            Status::StreamEnd => break,
            // Room left after all was read: the flush is complete.
            _ if !last && done && out.len() < out.capacity() => break,
            _ => out.reserve(out.capacity().max(1 << 16)),
        }
    }
    Ok(out)
}

/// The Adler-32 of two byte strings one after the other, from theirs and the second's length
/// (zlib's `adler32_combine`).
fn adler32_combine(first: u32, second: u32, second_len: usize) -> u32 {
    const BASE: u64 = 65_521;
    let rem = second_len as u64 % BASE;
    let (a1, b1) = (u64::from(first & 0xffff), u64::from(first >> 16));
    let (a2, b2) = (u64::from(second & 0xffff), u64::from(second >> 16));
    let a = (a1 + a2 + BASE - 1) % BASE;
    let b = (b1 + b2 + rem * a1 % BASE + BASE - rem) % BASE;
    (a | (b << 16)) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adler32_of_slices_combines_into_the_whole() {
        let data: Vec<u8> = (0..200_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let whole = simd_adler32::adler32(&data.as_slice());
        for cut in [0, 1, 65_521, 100_000, 199_999] {
            let (a, b) = data.split_at(cut);
            let combined = adler32_combine(
                simd_adler32::adler32(&a),
                simd_adler32::adler32(&b),
                b.len(),
            );
            assert_eq!(combined, whole, "cut at {cut}");
        }
    }

    #[test]
    fn encodes_what_a_decoder_reads_back() {
        // Sizes that leave the last slice short, or give every row a slice of its own.
        for (width, height) in [(1, 1), (3, 2), (37, 23), (300, 7)] {
            let mut pixmap = tiny_skia::Pixmap::new(width, height).unwrap();
            for (i, p) in pixmap.data_mut().chunks_mut(4).enumerate() {
                let v = (i * 37 % 256) as u8;
                p.copy_from_slice(&[v / 2, v / 3, v / 4, 255]);
            }
            let expected = pixmap.data().to_vec();
            let bytes = encode_png(pixmap, Some(300.0)).unwrap();
            let back = tiny_skia::Pixmap::decode_png(&bytes).unwrap();
            assert_eq!(back.data(), &expected[..], "{width}x{height}");
            let decoder = png::Decoder::new(std::io::Cursor::new(&bytes));
            let reader = decoder.read_info().unwrap();
            let dims = reader.info().pixel_dims.unwrap();
            assert_eq!(dims.xppu, 11_811);
        }
    }
}
