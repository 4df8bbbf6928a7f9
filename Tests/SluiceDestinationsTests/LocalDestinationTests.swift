import XCTest
@testable import SluiceDestinations
