console.log("parity");
