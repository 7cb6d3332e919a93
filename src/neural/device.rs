//! Choosing the device (CPU or a CUDA GPU) that a neural model runs on, from
//! a `--device` string: `cpu`, `cuda` (the first GPU) or `cuda:N`.
//!
//! NLTK has no counterpart. CUDA is available only in builds with nlkit's
//! `cuda` cargo feature; elsewhere asking for it is an error that says so,
//! never a silent fall-back to the CPU.

use candle_core::Device;

use crate::{Error, Result};

/// Parses a device name: `cpu`, `cuda` or `cuda:N` (N = the GPU's ordinal).
///
/// # Errors
/// [`Error::UnknownName`] for any other name; [`Error::InvalidInput`] for
/// `cuda` in a build without the `cuda` feature; [`Error::Model`] when the
/// GPU cannot be opened.
///
/// # Example
/// ```
/// use nlkit::neural::parse_device;
/// assert!(parse_device("cpu").unwrap().is_cpu());
/// assert!(parse_device("tpu").is_err());
/// ```
pub fn parse_device(name: &str) -> Result<Device> {
    let ordinal = match name.trim() {
        "cpu" => return Ok(Device::Cpu),
        "cuda" => 0,
        other => match other.strip_prefix("cuda:").map(str::parse::<usize>) {
            Some(Ok(n)) => n,
            _ => {
                return Err(Error::UnknownName {
                    kind: "device",
                    name: name.to_string(),
                    expected: "cpu, cuda, cuda:N".into(),
                })
            }
        },
    };
    open_cuda(ordinal)
}

#[cfg(feature = "cuda")]
fn open_cuda(ordinal: usize) -> Result<Device> {
    Device::new_cuda(ordinal)
        .map_err(|e| Error::Model(format!("cannot open CUDA device {ordinal}: {e}")))
}

#[cfg(not(feature = "cuda"))]
fn open_cuda(ordinal: usize) -> Result<Device> {
    Err(Error::InvalidInput(format!(
        "device cuda:{ordinal}: this nlkit was built without CUDA support (rebuild with `--features cuda`)"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(parse_device("cpu").unwrap().is_cpu());
        for bad in ["", "gpu", "cuda:", "cuda:x", "cuda:-1", "CPU"] {
            assert!(
                matches!(parse_device(bad), Err(Error::UnknownName { .. })),
                "{bad}"
            );
        }
        #[cfg(not(feature = "cuda"))]
        {
            let e = parse_device("cuda:1").unwrap_err().to_string();
            assert!(e.contains("without CUDA support"), "{e}");
            assert!(parse_device("cuda").is_err());
        }
    }
}
