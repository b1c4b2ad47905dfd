package io.kafkaarchiver.parquet;

/**
 * Whether Parquet objects can be written here: the runnable jar and an application depending on the archiver have
 * parquet-java; the Karaf bundle imports it optionally, and camel-karaf brings none.
 */
public final class ParquetSupport {

    private ParquetSupport() {
    }

    public static boolean available() {
        try {
            Class.forName("org.apache.parquet.hadoop.ParquetFileWriter", false, ParquetSupport.class.getClassLoader());
            Class.forName("org.apache.parquet.column.ParquetProperties", false, ParquetSupport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
